// 班主任 drawn to classes: the principal picks one teacher per class; a recorded seed decides who
// gets which class (the same seed always gives the same draw).
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../components/a11y';
import type { ClassingPlanView } from '@shared/api';
import { useState } from 'react';
import { classingApi } from '../../../services/api';

export function Homeroom(props: {
  plan: ClassingPlanView;
  onDone: (p: ClassingPlanView) => void;
  onError: (m: string) => void;
}) {
  const { plan } = props;
  const [chosen, setChosen] = useState<string[]>([]);
  const [seed, setSeed] = useState('');
  const [filter, setFilter] = useState('');
  const q = filter.trim();
  // Every teacher of the school can be chosen: all are listed (a filter narrows a long staff list).
  const shown = plan.teachers.filter((t) => !q || t.name.includes(q) || t.subject.includes(q));
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const draw = async () => {
    const r = await classingApi.homeroom(plan.version, chosen, seed.trim());
    if (r.ok) props.onDone(r.data);
    else props.onError(r.message);
  };
  return (
    <View className="card" id="homeroom">
      <Text className="card-title">{`抽签确定班主任（选 ${plan.classCount} 位，已选 ${chosen.length} 位）`}</Text>
      <Text className="label">{`按姓名或学科筛选（本校教师 ${plan.teachers.length} 人，显示 ${shown.length} 人）`}</Text>
      <Input
        {...inputA11y('按姓名或学科筛选')}
        className="input"
        id="homeroom-filter"
        value={filter}
        onInput={(e) => setFilter(e.detail.value)}
      />
      <View>
        {shown.map((t) => (
          <Text
            {...tapA11y('checkbox', { checked: chosen.includes(t.id) })}
            key={t.id}
            className={`student-chip${chosen.includes(t.id) ? ' selected' : ''}`}
            onClick={() => toggle(t.id)}
          >
            {`${t.name}·${t.subject}`}
          </Text>
        ))}
      </View>
      <Text className="label">抽签种子</Text>
      <Input
        {...inputA11y('抽签种子')}
        className="input"
        id="homeroom-seed"
        value={seed}
        maxlength={32}
        onInput={(e) => setSeed(e.detail.value)}
      />
      <Button className="btn" id="homeroom-draw" onClick={() => void draw()}>
        抽签
      </Button>
    </View>
  );
}
