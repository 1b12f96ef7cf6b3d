import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import './app.css';

if (process.env.TARO_ENV === 'h5') {
  // The desk layout (≥ 1024 px) is for browsers; the mini-program keeps the phone layout.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./desk.css');
  // Keyboard and screen-reader support Taro's web components lack (issue 22).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./services/keyboard') as { keyboardSupportStart(): void }).keyboardSupportStart();
  // 大字模式 kept on this phone (issue 22).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./services/textSize') as { textScaleStart(): void }).textScaleStart();
}

if (process.env.TARO_ENV === 'weapp') {
  // In WeChat the cloud SDK carries identity (OPENID) itself; no token is kept on the phone.
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
