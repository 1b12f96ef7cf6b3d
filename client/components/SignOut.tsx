import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { sessionClear, sessionGet, usesLocalHost } from '../services/session';

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
          // The host revokes the token, so a copy of it cannot be replayed after sign-out.
          const token = sessionGet()?.token;
          sessionClear();
          void Taro.request({
            url: '/api/signout',
            method: 'POST',
            header: { authorization: `Bearer ${token ?? ''}` },
          })
            .catch(() => undefined)
            .then(() => Taro.reLaunch({ url: '/pages/login/index' }));
        }}
      >
        退出登录 / 切换账号
      </Button>
    </View>
  );
}
