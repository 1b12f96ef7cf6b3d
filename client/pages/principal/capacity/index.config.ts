export default definePageConfig({ navigationBarTitleText: '学位与报名' });
