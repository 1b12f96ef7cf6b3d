// A late student (插班生) goes to the class where the balance suffers least; works after
// publishing too, since classes then stay stable and only grow.
import { Button, Input, Text, View } from '@tarojs/components';
import type { ClassingPlanView } from '@shared/api';
import { useState } from 'react';
import { classingApi } from '../../../services/api';

const groupOptions = ['留守', '随迁', '随班就读', '住校', '建档立卡'];

export function LateStudent(props: {
  plan: ClassingPlanView;
  onDone: (p: ClassingPlanView, label: string) => void;
  onError: (m: string) => void;
}) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [gender, setGender] = useState<'M' | 'F'>('M');
  const [groups, setGroups] = useState<string[]>([]);
  const insert = async () => {
    const r = await classingApi.late(props.plan.version, {
      id: id.trim(),
      name: name.trim(),
      gender,
      groups,
    });
    if (!r.ok) return props.onError(r.message);
    setId('');
    setName('');
    setGroups([]);
    props.onDone(r.data.plan, r.data.label);
  };
  return (
    <View className="card" id="late">
      <Text className="card-title">插班生</Text>
      <Text className="label">学号</Text>
      <Input
        className="input"
        id="late-id"
        value={id}
        maxlength={40}
        onInput={(e) => setId(e.detail.value)}
      />
      <Text className="label">姓名</Text>
      <Input
        className="input"
        id="late-name"
        value={name}
        maxlength={20}
        onInput={(e) => setName(e.detail.value)}
      />
      <View>
        {(['M', 'F'] as const).map((g) => (
          <Text
            key={g}
            className={`student-chip${gender === g ? ' selected' : ''}`}
            onClick={() => setGender(g)}
          >
            {g === 'M' ? '男' : '女'}
          </Text>
        ))}
        {groupOptions.map((g) => (
          <Text
            key={g}
            className={`student-chip${groups.includes(g) ? ' selected' : ''}`}
            onClick={() => setGroups((x) => (x.includes(g) ? x.filter((y) => y !== g) : [...x, g]))}
          >
            {g}
          </Text>
        ))}
      </View>
      <Button className="btn" id="late-insert" onClick={() => void insert()}>
        分到最合适的班
      </Button>
    </View>
  );
}
