// The bureau's zone table: see every zone, download it as Excel (also the template), edit it,
// import it back. An import with problems changes nothing and lists each row to fix.
import { Button, Input, Text, View } from '@tarojs/components';
import { LoadFailed } from '../../../components/LoadFailed';
import { inputA11y, tapA11y } from '../../../components/a11y';
import { useDidShow } from '@tarojs/taro';
import type { RegistrationContext } from '@shared/api';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { ImportProblems } from '../../../components/ImportProblems';
import { Progress } from '../../../components/Progress';
import { reportsApi, zonesApi } from '../../../services/api';
import { fileFetchSave } from '../../../services/download';
import { useSheetImport } from '../../../services/sheetImport';

export default function Zones() {
  const [zones, setZones] = useState<RegistrationContext['zones']>([]);
  // The first load failing (no permission, the network) leaves nothing to show: the refusal
  // with its way back, never the page's menu over an empty page.
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const sheet = useSheetImport(setError);
  const [editing, setEditing] = useState<{
    id: string;
    name: string;
    schoolIds: string;
    communities: string;
  } | null>(null);

  const saveZone = async () => {
    if (!editing) return;
    setInfo(null);
    const r = await zonesApi.update(editing);
    if (!r.ok) return setError(r.message);
    setError(null);
    setInfo(`已保存“${editing.name}”。`);
    setEditing(null);
    await load();
  };

  const load = async () => {
    const r = await zonesApi.list();
    if (r.ok) {
      setZones(r.data);
      setLoadError(null);
    } else setLoadError(r.message);
  };
  useDidShow(() => void load());

  const download = async () => {
    setError(null);
    setInfo(null);
    await fileFetchSave(reportsApi.zonesExport, setError);
  };

  const upload = async () => {
    setError(null);
    setInfo(null);
    const r = await sheet.run('正在上传并核对学区表，通常需要 1 至 5 秒…', '学区表', reportsApi.zonesImport);
    if (!r) return;
    setInfo(`已导入 ${r.imported} 个学区。`);
    await load();
  };

  if (loadError) return <LoadFailed message={loadError} />;
  return (
    <View className="page">
      <Text className="title">学区表</Text>
      <Text className="subtitle">
        每行一个学区：学区代码、名称、学段（小学/初中）、乡镇、学校代码、覆盖的社区或村（用“、”分隔）。
      </Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <Progress id="zones-progress" step={sheet.step} />
      <ImportProblems id="zone-problems" problems={sheet.problems} />
      <View className="row">
        <Button size="mini" className="btn" id="zones-download" onClick={() => void download()}>
          下载学区表（模板）
        </Button>
        <Button size="mini" className="btn btn-primary" id="zones-upload" onClick={() => void upload()}>
          导入学区表
        </Button>
      </View>
      {zones.map((z) =>
        editing?.id === z.id ? (
          <View key={z.id} className="card zone" id={`zone-edit-${z.id}`}>
            <Text className="label">学区名称</Text>
            <Input
              {...inputA11y('学区名称')}
              className="input"
              value={editing.name}
              onInput={(e) => setEditing({ ...editing, name: e.detail.value })}
            />
            <Text className="label">学校代码（用“、”分隔）</Text>
            <Input
              {...inputA11y('学校代码')}
              className="input"
              value={editing.schoolIds}
              onInput={(e) => setEditing({ ...editing, schoolIds: e.detail.value })}
            />
            <Text className="label">覆盖社区/村（用“、”分隔）</Text>
            <Input
              {...inputA11y('覆盖社区或村')}
              className="input"
              id="zone-communities"
              maxlength={4000}
              value={editing.communities}
              onInput={(e) => setEditing({ ...editing, communities: e.detail.value })}
            />
            <View className="row">
              <Button size="mini" className="btn" onClick={() => setEditing(null)}>
                取消
              </Button>
              <Button size="mini" className="btn btn-primary" id="zone-save" onClick={() => void saveZone()}>
                保存
              </Button>
            </View>
          </View>
        ) : (
          <View key={z.id} className="card zone" id={`zone-${z.id}`}>
            <View className="row">
              <Text className="card-title">{`${z.name}（${z.stage === 'primary' ? '小学' : '初中'}）`}</Text>
              <Text
                {...tapA11y('button')}
                className="field-ok"
                id={`zone-edit-open-${z.id}`}
                onClick={() =>
                  setEditing({
                    id: z.id,
                    name: z.name,
                    schoolIds: z.schools.map((s) => s.id).join('、'),
                    communities: z.communities.join('、'),
                  })
                }
              >
                编辑
              </Text>
            </View>
            <Text className="muted">{`学校：${z.schools.map((s) => s.name).join('、')}\n覆盖：${z.communities.join('、')}`}</Text>
          </View>
        ),
      )}
    </View>
  );
}
