// Runs in the mini-program before the first render: the runtime's attribute table gains the same
// aria-* attributes the templates were built with (plugin.js).
const { mergeInternalComponents } = require('@tarojs/shared');

mergeInternalComponents(require('./components'));
