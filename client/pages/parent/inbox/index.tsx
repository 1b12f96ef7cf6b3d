// The in-app inbox: every notice sent about the family's registrations, newest first.
import { Button, Text, View } from '@tarojs/components';
import { tapA11y } from '../../../components/a11y';
import Taro, { useDidShow } from '@tarojs/taro';
import type { Notice } from '@shared/registration/types';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { registrationApi } from '../../../services/api';
import { instantTimeLabel } from '@shared/time';

export default function Inbox() {
  const [items, setItems] = useState<readonly Notice[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (offset: number) => {
    const r = await registrationApi.notices(offset);
    if (!r.ok) return setError(r.message);
    setItems((prev) => (offset === 0 ? r.data.items : [...prev, ...r.data.items]));
    setNext(r.data.next);
  };
  useDidShow(() => void load(0));

  return (
    <View className="page">
      <Text className="title">消息</Text>
      <ErrorBanner message={error} />
      {items.length === 0 ? <Text className="muted">暂无消息。</Text> : null}
      {items.map((n) => (
        <View
          {...tapA11y('button')}
          key={n.id}
          className="card notice"
          onClick={() =>
            n.registrationId
              ? void Taro.navigateTo({ url: `/pages/parent/detail/index?id=${n.registrationId}` })
              : undefined
          }
        >
          <View className="row">
            <Text className="card-title">{n.title}</Text>
            <Text className="muted">{instantTimeLabel(n.at)}</Text>
          </View>
          <Text className="muted">{n.body}</Text>
        </View>
      ))}
      {next !== null ? (
        <Button className="btn" onClick={() => void load(next)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
