import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { sessionClear, usesLocalHost } from '../services/session';

/** Local demo only: WeChat users are signed in by WeChat itself. */
export function SignOut() {
  if (!usesLocalHost()) return null;
  return (
    <View>
      <Button
        className="btn"
        size="mini"
        id="sign-out"
        onClick={() => {
          sessionClear();
          void Taro.reLaunch({ url: '/pages/login/index' });
        }}
      >
        退出登录 / 切换账号
      </Button>
    </View>
  );
}
