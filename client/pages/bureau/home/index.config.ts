export default definePageConfig({ navigationBarTitleText: '教育局工作台' });
