// Launcher: find out who the user is and open their role's home.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ErrorBanner } from '../../components/Banner';
import { authApi } from '../../services/api';
import { goHome } from '../../services/route';
import { sessionGet, usesLocalHost } from '../../services/session';

export default function Index() {
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    if (usesLocalHost() && !sessionGet()) {
      await Taro.reLaunch({ url: '/pages/login/index' });
      return;
    }
    const me = await authApi.whoami();
    if (me.ok) await goHome(me.data.role);
    else setError(me.message);
  };

  useDidShow(() => {
    void start();
  });

  return (
    <View className="page">
      <Text className="title">均衡</Text>
      <Text className="subtitle">县域义务教育招生入学与教师交流轮岗</Text>
      <ErrorBanner message={error} />
      {error ? (
        <Button className="btn btn-primary" onClick={() => void start()}>
          重试
        </Button>
      ) : (
        <Text className="muted">正在登录…</Text>
      )}
    </View>
  );
}
