// Review requests (复核) from families: open ones first, each with the child's result, the
// family's reason and attachment; the bureau answers each once and the family is told at once.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../components/a11y';
import Taro from '@tarojs/taro';
import type { AppealItem } from '@shared/api';
import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { placementApi, registrationApi } from '../../../services/api';

type State = 'open' | 'answered';

function AppealCard({ a, onAnswered }: { a: AppealItem; onAnswered: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answer = async (outcome: 'upheld' | 'dismissed') => {
    const r = await placementApi.appealAnswer(a.id, outcome, text.trim());
    if (r.ok) onAnswered();
    else setError(r.message);
  };
  const open = async () => {
    const r = await registrationApi.appealDocumentLink(a.id);
    if (r.ok) await Taro.previewImage({ urls: [r.data.url], current: r.data.url });
    else setError(r.message);
  };
  return (
    <View className="sub-card appeal-item">
      <ErrorBanner message={error} />
      <Text className="label">{`${a.childName} · ${a.schoolName}`}</Text>
      <Text className="muted">{`结果：${a.explanation}\n理由：${a.text}`}</Text>
      {a.hasDocument ? (
        <Text {...tapA11y('button')} className="field-ok" onClick={() => void open()}>
          附件 · 查看
        </Text>
      ) : null}
      {a.answer ? (
        <Text className="banner-info">{`${a.answer.outcomeLabel}。${a.answer.text}`}</Text>
      ) : (
        <View>
          <Input
            {...inputA11y('答复内容（家长会看到）')}
            className="input appeal-reply"
            placeholder="答复内容（家长会看到）"
            value={text}
            onInput={(e) => setText(e.detail.value)}
          />
          <View className="row">
            <Button size="mini" className="btn appeal-dismiss" onClick={() => void answer('dismissed')}>
              维持原结果
            </Button>
            <Button
              size="mini"
              className="btn btn-primary appeal-uphold"
              onClick={() => void answer('upheld')}
            >
              复核成立
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

export function Appeals() {
  const [state, setState] = useState<State>('open');
  const [items, setItems] = useState<AppealItem[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Every request can be reached: a page at a time, then 加载更多 until the list says it is whole.
  const load = (s: State, offset = 0) =>
    void placementApi.appeals(s, offset).then((r) => {
      if (!r.ok) return setError(r.message);
      setError(null);
      setItems((prev) => (offset === 0 ? r.data.items : [...prev, ...r.data.items]));
      setNext(r.data.next);
    });
  useEffect(() => load(state), [state]);

  return (
    <View className="card" id="appeals">
      <Text className="card-title">复核申请</Text>
      <Chips
        id="appeals-state"
        options={[
          { value: 'open' as const, label: '待答复' },
          { value: 'answered' as const, label: '已答复' },
        ]}
        value={state}
        onChange={(v) => setState(v === 'answered' ? 'answered' : 'open')}
      />
      <ErrorBanner message={error} />
      {items.length === 0 ? <Text className="muted">暂无</Text> : null}
      {items.map((a) => (
        <AppealCard key={a.id} a={a} onAnswered={() => load(state)} />
      ))}
      {items.length > 0 ? (
        <Text className="muted line" id="appeals-count">
          {next === null ? `共 ${items.length} 条，已全部显示。` : `已显示 ${items.length} 条，还有更多。`}
        </Text>
      ) : null}
      {next !== null ? (
        <Button size="mini" className="btn" id="appeals-more" onClick={() => load(state, next)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
