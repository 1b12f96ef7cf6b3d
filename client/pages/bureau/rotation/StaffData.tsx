// The county's schools and teachers as one workbook (sheets 学校 and 教师): download the current
// records as the template, edit them (receiving places, shortages, exemptions, rural months, 借调),
// import them back. An import with problems changes nothing and lists each row to fix.
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { ImportProblems } from '../../../components/ImportProblems';
import { Progress } from '../../../components/Progress';
import { reportsApi } from '../../../services/api';
import { fileFetchSave } from '../../../services/download';
import { useSheetImport } from '../../../services/sheetImport';

export function StaffData({ imported }: { imported: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const sheet = useSheetImport(setError);

  const download = async () => {
    setError(null);
    setInfo(null);
    await fileFetchSave(reportsApi.staffExport, setError);
  };
  const upload = async () => {
    setError(null);
    setInfo(null);
    const r = await sheet.run(
      '正在上传并核对学校与教师数据，通常需要 1 至 5 秒…',
      '表格',
      reportsApi.staffImport,
    );
    if (!r) return;
    setInfo(`已导入 ${r.schools} 所学校、${r.teachers} 名教师。请重新生成方案。`);
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
      <Progress id="staff-progress" step={sheet.step} />
      <ImportProblems id="staff-problems" problems={sheet.problems} inCard />
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
