// 缺件先报: whether families may submit with required documents missing and upload them from the
// registration's page afterwards, and until which date (issue 17, defect 3).
import { Button, Text, View } from '@tarojs/components';
import type { PolicySettings } from '@shared/settings';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { DateField } from '../../../components/DateField';
import { countyApi } from '../../../services/api';
import { dateTextLabel } from '@shared/time';

export function MissingDocuments({ settings, onSaved }: { settings: PolicySettings; onSaved(): void }) {
  const [until, setUntil] = useState<string>(settings.missingDocumentsUntil ?? settings.registrationCloses);
  const [error, setError] = useState<string | null>(null);

  const save = async (value: string | null) => {
    const r = await countyApi.setMissingDocuments(value);
    if (!r.ok) return setError(r.message);
    setError(null);
    onSaved();
  };

  const on = settings.missingDocumentsUntil !== null;
  return (
    <View className="card" id="missing-documents">
      <Text className="card-title">缺件先报</Text>
      <Text className="muted" id="missing-documents-state">
        {on
          ? `已开放：材料不全也可以先提交，家长须在${dateTextLabel(settings.missingDocumentsUntil)}前在报名详情页补传，学校能看到还缺哪些。`
          : '未开放：必须上传全部所需材料后才能提交报名。'}
      </Text>
      <DateField
        id="missing-documents-until"
        label="补传材料截止日期"
        value={until}
        start={settings.registrationOpens}
        end={settings.registrationCloses}
        problem={null}
        onChange={setUntil}
      />
      <Button className="btn btn-line" id="missing-documents-on" onClick={() => void save(until)}>
        {on ? '保存截止日期' : '开放缺件先报'}
      </Button>
      {on ? (
        <Button className="btn btn-line" id="missing-documents-off" onClick={() => void save(null)}>
          关闭缺件先报
        </Button>
      ) : null}
      <ErrorBanner message={error} />
    </View>
  );
}
