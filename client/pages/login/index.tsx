// Local demo sign-in: the host lists its seeded demo accounts and signs a session for the one
// picked. In WeChat this page is never used (WeChat identifies the user).
import { Text, View } from '@tarojs/components';
import { tapA11y } from '../../components/a11y';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorBanner } from '../../components/Banner';
import { authApi, demoApi, type DemoAccountView } from '../../services/api';
import { goHome } from '../../services/route';
import { sessionSet } from '../../services/session';

export default function Login() {
  const [accounts, setAccounts] = useState<DemoAccountView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    void demoApi.accounts().then((r) => (r.ok ? setAccounts(r.data) : setError(r.message)));
  });

  const signIn = async (a: DemoAccountView) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await demoApi.signIn(a.key);
    if (!r.ok) {
      setError(r.message);
      setBusy(false);
      return;
    }
    sessionSet({ token: r.data.token, expiresAt: r.data.expiresAt, displayName: r.data.displayName });
    const me = await authApi.whoami();
    setBusy(false);
    if (me.ok) await goHome(me.data.role);
    else setError(me.message);
  };

  return (
    <View className="page">
      <Text className="title">演示县 · 青山县</Text>
      <Text className="subtitle">本地演示环境：请选择一个演示账号登录。正式环境由微信自动识别身份。</Text>
      <ErrorBanner message={error} />
      {accounts.map((a) => (
        <View
          {...tapA11y('button')}
          key={a.key}
          className="card"
          id={`account-${a.key}`}
          onClick={() => void signIn(a)}
        >
          <View className="row">
            <Text className="card-title">{a.displayName}</Text>
            <Text className="status">{a.roleLabel}</Text>
          </View>
          <Text className="muted">{a.hint}</Text>
        </View>
      ))}
      <View
        {...tapA11y('button')}
        className="card"
        onClick={() => void Taro.navigateTo({ url: '/pages/bind/index' })}
      >
        <Text className="muted">教职工首次使用？登录后可在“绑定教职工身份”中输入邀请码。</Text>
      </View>
    </View>
  );
}
