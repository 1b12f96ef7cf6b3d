export default definePageConfig({ navigationBarTitleText: '电脑派位' });
