// A late student (插班生) goes to the class where the balance suffers least; works after
// publishing too, since classes then stay stable and only grow. When every class of a published
// split is full, the principal chooses: a class added for the student, or the smallest class over
// the cap (recorded as 大班额, never a 超大班额).
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../components/a11y';
import type { ClassingPlanView } from '@shared/api';
import { useState } from 'react';
import { allowedGroups } from '@shared/classing/cohortTable';
import type { LatePlacement } from '@shared/classing/plan';
import { classingApi } from '../../../services/api';
import { instantDateLabel } from '@shared/time';

const groupOptions = allowedGroups;
type Group = (typeof allowedGroups)[number];

export function LateStudent(props: {
  plan: ClassingPlanView;
  onDone: (p: ClassingPlanView, message: string) => void;
  onError: (m: string | null) => void;
}) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [gender, setGender] = useState<'M' | 'F'>('M');
  const [groups, setGroups] = useState<Group[]>([]);
  const [full, setFull] = useState<string | null>(null);
  const insert = async (placement: LatePlacement = 'balance') => {
    props.onError(null);
    const r = await classingApi.late(
      props.plan.version,
      { id: id.trim(), name: name.trim(), gender, groups },
      placement,
    );
    if (!r.ok) {
      // Every class is full: offer the two ways on instead of a dead end.
      if (r.code === 'CLASS_FULL') return setFull(r.message);
      return props.onError(r.message);
    }
    setFull(null);
    setId('');
    setName('');
    setGroups([]);
    props.onDone(r.data.plan, r.data.warning ?? `插班生已分到${r.data.label}。`);
  };
  return (
    <View className="card" id="late">
      <Text className="card-title">插班生</Text>
      <Text className="label">学号</Text>
      <Input
        {...inputA11y('插班生学号')}
        className="input"
        id="late-id"
        value={id}
        maxlength={40}
        onInput={(e) => setId(e.detail.value)}
      />
      <Text className="label">姓名</Text>
      <Input
        {...inputA11y('插班生姓名')}
        className="input"
        id="late-name"
        value={name}
        maxlength={20}
        onInput={(e) => setName(e.detail.value)}
      />
      <View>
        {(['M', 'F'] as const).map((g) => (
          <Text
            {...tapA11y('radio', { checked: gender === g })}
            key={g}
            className={`student-chip${gender === g ? ' selected' : ''}`}
            onClick={() => setGender(g)}
          >
            {g === 'M' ? '男' : '女'}
          </Text>
        ))}
        {groupOptions.map((g) => (
          <Text
            {...tapA11y('checkbox', { checked: groups.includes(g) })}
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
      {full ? (
        <View className="sub-card" id="late-full">
          <Text className="field-error line">{full}</Text>
          <View className="row">
            <Button size="mini" className="btn" id="late-new-class" onClick={() => void insert('newClass')}>
              增加一个班
            </Button>
            <Button
              size="mini"
              className="btn btn-danger"
              id="late-over-cap"
              onClick={() => void insert('overCap')}
            >
              超出班额安排（记为大班额）
            </Button>
          </View>
        </View>
      ) : null}
      {props.plan.lateExceptions.length > 0 ? (
        <View id="late-exceptions">
          <Text className="label">公布后的插班记录</Text>
          {props.plan.lateExceptions.map((x) => (
            <Text className={x.size > x.cap ? 'field-error line' : 'muted line'} key={x.studentId}>
              {x.kind === 'newClass'
                ? `${x.name}：新增${x.label}（${instantDateLabel(x.at)}）`
                : `${x.name}：超出班额安排在${x.label}，该班${x.size}人${x.size > x.cap ? `，超过班额${x.cap}人，记为大班额` : ''}（${instantDateLabel(x.at)}）`}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
