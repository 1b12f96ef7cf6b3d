// The mini-program's accessibility attributes (WeChat 无障碍: aria-role, aria-label …) that Taro's
// templates leave out. The template (build time) and the runtime's attribute table must list the
// same ones: Taro numbers attributes by their sorted names, so one list feeds both (plugin.js,
// runtime.js).
const aria = {
  'aria-role': '',
  'aria-label': '',
  'aria-checked': '',
  'aria-disabled': '',
  'aria-hidden': '',
};

module.exports = {
  View: aria,
  Text: aria,
  Image: aria,
  Button: aria,
  Input: aria,
  Textarea: aria,
};
