export default definePageConfig({ navigationBarTitleText: '入学报名' });
