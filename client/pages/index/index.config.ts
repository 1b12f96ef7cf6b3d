export default definePageConfig({ navigationBarTitleText: '均衡' });
