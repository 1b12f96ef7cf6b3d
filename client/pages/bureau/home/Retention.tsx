// Documents' retention: what would be deleted (a dry run, any time) and, once the retention
// period after the cycle has passed, deleting them with a report.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { registrationApi, type RetentionReport } from '../../../services/api';
import { dateTextLabel } from '@shared/time';

export function Retention() {
  const [r, setR] = useState<RetentionReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (dryRun: boolean) => {
    if (!dryRun) {
      const c = await Taro.showModal({
        title: '删除上传材料',
        content: '将永久删除本年度报名上传的全部材料，确定吗？',
      });
      if (!c.confirm) return;
    }
    // A deletion goes in steps (a county has tens of thousands of files); the totals add up.
    let total: RetentionReport | null = null;
    for (let from: number | null = 0; from !== null;) {
      const res = await registrationApi.retention(dryRun, from);
      if (!res.ok) return setError(res.message);
      const d: RetentionReport = res.data;
      total = total
        ? {
            ...d,
            registrations: total.registrations + d.registrations,
            files: total.files + d.files,
            bytes: total.bytes + d.bytes,
          }
        : d;
      setError(null);
      setR(total);
      from = d.done ? null : d.next;
    }
  };
  return (
    <View className="card" id="retention">
      <Text className="card-title">上传材料保存期限</Text>
      <ErrorBanner message={error} />
      {r ? (
        <Text className="muted line" id="retention-report">
          {`${r.year}年招生于${dateTextLabel(r.closesOn)}结束，材料${dateTextLabel(r.deleteFrom)}起可删除。${r.dryRun ? '可删除' : '已删除'}：${r.registrations} 份报名的 ${r.files} 个文件（${(r.bytes / 1024 / 1024).toFixed(1)} MB）。`}
        </Text>
      ) : null}
      <View className="row">
        <Button size="mini" className="btn" id="retention-check" onClick={() => void run(true)}>
          查看
        </Button>
        {r?.due && r.dryRun && r.files > 0 ? (
          <Button
            size="mini"
            className="btn btn-danger"
            id="retention-delete"
            onClick={() => void run(false)}
          >
            删除
          </Button>
        ) : null}
      </View>
    </View>
  );
}
