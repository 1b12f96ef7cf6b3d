// Staff bind their WeChat account to a school role with a one-time invite code from the bureau.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y } from '../../components/a11y';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../components/Banner';
import { authApi } from '../../services/api';
import { goHome } from '../../services/route';

export default function Bind() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    const r = await authApi.redeemInvite(code);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setDone(`已绑定为${r.data.roleLabel}：${r.data.displayName}`);
    const me = await authApi.whoami();
    if (me.ok) await goHome(me.data.role);
  };

  return (
    <View className="page">
      <Text className="title">绑定教职工身份</Text>
      <Text className="subtitle">输入教育局或学校发给您的10位邀请码。每个邀请码只能使用一次，过期失效。</Text>
      <ErrorBanner message={error} />
      <InfoBanner message={done} />
      <Text className="label">邀请码</Text>
      <Input
        {...inputA11y('邀请码')}
        className="input"
        id="invite-code"
        value={code}
        maxlength={10}
        placeholder="例如 7KQ2M9XW4P"
        onInput={(e) => setCode(e.detail.value.toUpperCase())}
      />
      <Button className="btn btn-primary" onClick={() => void submit()}>
        绑定
      </Button>
    </View>
  );
}
