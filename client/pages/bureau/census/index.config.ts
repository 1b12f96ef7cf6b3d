export default definePageConfig({ navigationBarTitleText: '控辍保学' });
