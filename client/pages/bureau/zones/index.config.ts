export default definePageConfig({ navigationBarTitleText: '学区表' });
