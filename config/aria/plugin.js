// A Taro build plugin (weapp only): adds the mini-program's aria-* attributes to Taro's base
// templates and loads runtime.js with the app, so what a page sets as `aria-label` / `aria-role`
// reaches WeChat's screen reader (读屏) as it reaches a browser's (issue 22).
const path = require('node:path');
const components = require('./components');

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (process.env.TARO_ENV !== 'weapp' || !platform.template) return;
      platform.template.mergeComponents(ctx, components);
      platform.runtimePath = [].concat(platform.runtimePath, path.join(__dirname, 'runtime.js'));
    },
  });
};
