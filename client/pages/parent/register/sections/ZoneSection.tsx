// Stage, then the family's community (searched in the bureau's zone table), then its zone school.
import { Input, Text, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../../components/a11y';
import { stageLabels, type Stage } from '@shared/settings';
import { communitySearch, zoneSchools, zonesServing } from '@shared/county/zones';
import { useState } from 'react';
import { Chips } from '../../../../components/Chips';
import type { SectionProps } from './props';

const stages: { value: Stage; label: string }[] = [
  { value: 'primary', label: stageLabels.primary },
  { value: 'junior', label: stageLabels.junior },
];

export function ZoneSection({ form, ctx, set, problem }: SectionProps) {
  const [query, setQuery] = useState('');
  const q = query.trim();
  const matches = communitySearch(ctx.zones, form.stage, q, 8);
  // Every zone serving the community (a community may lie in more than one), as the server checks.
  const served = zonesServing(ctx.zones, form.community, form.stage);
  const schools = zoneSchools(served);

  return (
    <View className="card" id="zone-card">
      <Text className="card-title">1 学段与学区</Text>
      <Chips
        id="stage"
        options={stages}
        value={form.stage}
        onChange={(v) => {
          set('stage', v);
          set('community', '');
          set('schoolId', '');
        }}
      />
      <Text className="label">居住的社区或村（输入关键字查找）</Text>
      <Input
        {...inputA11y('居住的社区或村')}
        className="input"
        id="community-search"
        value={query}
        placeholder="例如：和平、白沙"
        onInput={(e) => setQuery(e.detail.value)}
      />
      {matches.map((m) => (
        <Text
          {...tapA11y('button')}
          key={m.community}
          className={`chip community-option ${form.community === m.community ? 'chip-on' : ''}`}
          id={`community-${m.community}`}
          onClick={() => {
            set('community', m.community);
            const only = zoneSchools(m.zones);
            set('schoolId', only.length === 1 ? (only[0]?.id ?? '') : '');
            setQuery('');
          }}
        >
          {`${m.community}（${m.zones.map((z) => z.name).join('、')}）`}
        </Text>
      ))}
      {q && matches.length === 0 ? (
        <Text className="muted">{'\n没有找到，请换个关键字，或咨询教育局。'}</Text>
      ) : null}
      {problem('community') ? <Text className="field-error">{problem('community')}</Text> : null}
      {served.length > 0 ? (
        <View>
          <Text className="label">{`${form.community} 属于 ${served.map((z) => z.name).join('、')}，学区学校：`}</Text>
          <Chips
            id="school"
            options={schools.map((s) => ({ value: s.id as string, label: s.name }))}
            value={form.schoolId}
            onChange={(v) => set('schoolId', v)}
          />
          {schools.length > 1 ? (
            <Text className="muted">{'\n本学区为多校划片，请选择一所学校。'}</Text>
          ) : null}
        </View>
      ) : null}
      {problem('schoolId') ? <Text className="field-error">{problem('schoolId')}</Text> : null}
    </View>
  );
}
