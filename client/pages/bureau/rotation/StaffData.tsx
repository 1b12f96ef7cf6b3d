// The county's schools and teachers as one workbook (sheets 学校 and 教师): download the current
// records as the template, edit them (receiving places, shortages, exemptions, rural months, 借调),
// import them back. An import with problems changes nothing and lists each row to fix.
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { Progress } from '../../../components/Progress';
import { reportsApi } from '../../../services/api';
import { fileSave } from '../../../services/download';
import { spreadsheetPick } from '../../../services/filePick';

type Problem = { sheet: string; row: number; message: string };

export function StaffData({ imported }: { imported: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [step, setStep] = useState<string | null>(null);

  const download = async () => {
    setError(null);
    setInfo(null);
    const r = await reportsApi.staffExport();
    if (!r.ok) return setError(r.message);
    await fileSave(r.data);
  };
  const upload = async () => {
    setError(null);
    setInfo(null);
    setProblems([]);
    if (step) return;
    setStep('正在读取文件…');
    const base64 = await spreadsheetPick();
    if (!base64) return setStep(null);
    setStep('正在上传并核对学校与教师数据，通常需要 1 至 5 秒…');
    const r = await reportsApi.staffImport(base64);
    setStep(null);
    if (!r.ok) return setError(r.message);
    if (r.data.problems.length > 0) {
      setProblems(r.data.problems);
      setError(`表格有 ${r.data.problems.length} 处需要修改，本次没有导入任何内容。`);
      return;
    }
    setInfo(`已导入 ${r.data.schools} 所学校、${r.data.teachers} 名教师。请重新生成方案。`);
    imported();
  };

  return (
    <View className="card" id="staff-data">
      <Text className="card-title">学校与教师数据</Text>
      <Text className="muted line">
        “学校”表可设交流接收名额和紧缺学科；“教师”表可填暂缓情形（孕期、哺乳期、病休、暂缓至某年）、乡村或薄弱学校任教月数、借调时的实际任教学校。
      </Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <Progress id="staff-progress" step={step} />
      {problems.length > 0 ? (
        <View id="staff-problems">
          {problems.map((p, i) => (
            <Text key={i} className="field-error line">{`${p.sheet}表第${p.row}行：${p.message}`}</Text>
          ))}
        </View>
      ) : null}
      <View className="row">
        <Button size="mini" className="btn" id="staff-download" onClick={() => void download()}>
          下载当前数据（模板）
        </Button>
        <Button size="mini" className="btn btn-primary" id="staff-upload" onClick={() => void upload()}>
          导入
        </Button>
      </View>
    </View>
  );
}
