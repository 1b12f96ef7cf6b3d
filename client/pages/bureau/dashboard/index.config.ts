export default definePageConfig({ navigationBarTitleText: '督导看板' });
