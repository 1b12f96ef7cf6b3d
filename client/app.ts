import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import './app.css';

if (process.env.TARO_ENV === 'h5') {
  // The desk layout (≥ 1024 px) is for browsers; the mini-program keeps the phone layout.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./desk.css');
}

if (process.env.TARO_ENV === 'weapp') {
  // In WeChat the cloud SDK carries identity (OPENID) itself; no token is kept on the phone.
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
