export default definePageConfig({ navigationBarTitleText: '本校督导' });
