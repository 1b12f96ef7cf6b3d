// Parent home: the family's registrations with their current status and reason.
import { Button, Text, View } from '@tarojs/components';
import { tapA11y } from '../../../components/a11y';
import Taro, { useDidShow } from '@tarojs/taro';
import type { RegistrationView } from '@shared/api';
import { registrationHoldsChild } from '@shared/registration/status';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { SignOut } from '../../../components/SignOut';
import { TextSize } from '../../../components/TextSize';
import { StatusTag } from '../../../components/StatusTag';
import { registrationApi } from '../../../services/api';

export default function ParentHome() {
  const [items, setItems] = useState<readonly RegistrationView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (offset: number) => {
    const r = await registrationApi.listMine(offset);
    setLoaded(true);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError(null);
    setItems((prev) => (offset === 0 ? r.data.items : [...prev, ...r.data.items]));
    setNext(r.data.next);
  };

  useDidShow(() => {
    void load(0);
  });

  /** The family registered this child again after withdrawing (the new one holds the child). */
  const registeredAgain = (r: RegistrationView) =>
    items.some((x) => x.id !== r.id && x.idNumber === r.idNumber && registrationHoldsChild(x.status));

  return (
    <View className="page">
      <Text className="title">我的报名</Text>
      <Text className="subtitle">为适龄儿童报名入学，随时查看审核进度和结果。</Text>
      <ErrorBanner message={error} />
      <Button
        className="btn btn-primary"
        id="new-registration"
        onClick={() => void Taro.navigateTo({ url: '/pages/parent/register/index' })}
      >
        为孩子报名
      </Button>
      <Button
        className="btn"
        id="open-inbox"
        onClick={() => void Taro.navigateTo({ url: '/pages/parent/inbox/index' })}
      >
        消息
      </Button>
      <View style={{ height: '24px' }} />
      {loaded && items.length === 0 && !error ? <Text className="muted">还没有报名记录。</Text> : null}
      {items.map((r) => {
        // A card holding its own button (重新报名) cannot itself be a button: its title opens it.
        const again = r.status === 'withdrawn' && !registeredAgain(r);
        return (
          <View
            {...(again ? {} : tapA11y('button'))}
            key={r.id}
            className="card registration-card"
            onClick={() => void Taro.navigateTo({ url: `/pages/parent/detail/index?id=${r.id}` })}
          >
            <View className="row">
              <Text className="card-title" {...(again ? tapA11y('button') : {})}>
                {r.childName}
              </Text>
              <StatusTag status={r.status} label={r.statusLabel} />
            </View>
            <Text className="muted">
              {r.year}年 {r.stageLabel} · {r.schoolName}
            </Text>
            {r.reason ? <Text className="muted reason">{`\n说明：${r.reason}`}</Text> : null}
            {again ? (
              <Button
                className="btn"
                size="mini"
                id={`register-again-${r.id}`}
                onClick={(e) => {
                  e.stopPropagation();
                  void Taro.navigateTo({ url: `/pages/parent/register/index?again=${r.id}` });
                }}
              >
                重新报名
              </Button>
            ) : null}
          </View>
        );
      })}
      {next !== null ? (
        <Button className="btn" onClick={() => void load(next)}>
          加载更多
        </Button>
      ) : null}
      <TextSize />
      <SignOut />
    </View>
  );
}
