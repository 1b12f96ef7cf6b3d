export default definePageConfig({ navigationBarTitleText: '交流轮岗推荐' });
