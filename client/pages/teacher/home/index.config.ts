export default definePageConfig({ navigationBarTitleText: '我的交流轮岗' });
