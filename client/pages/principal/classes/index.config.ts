export default definePageConfig({ navigationBarTitleText: '均衡编班' });
