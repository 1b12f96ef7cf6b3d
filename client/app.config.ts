// Main package: launcher, local sign-in and staff binding. Each role's pages are a subpackage,
// so a parent's phone never downloads the bureau's pages.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/bind/index'],
  subPackages: [
    { root: 'pages/parent', pages: ['home/index', 'register/index', 'detail/index', 'inbox/index'] },
    {
      root: 'pages/principal',
      pages: [
        'queue/index',
        'review/index',
        'capacity/index',
        'classes/index',
        'rotation/index',
        'oversight/index',
      ],
    },
    { root: 'pages/teacher', pages: ['home/index'] },
    {
      root: 'pages/bureau',
      pages: [
        'home/index',
        'zones/index',
        'placement/index',
        'rotation/index',
        'dashboard/index',
        'census/index',
        'record/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6f5c',
    navigationBarTitleText: '均衡',
    navigationBarTextStyle: 'white',
  },
});
