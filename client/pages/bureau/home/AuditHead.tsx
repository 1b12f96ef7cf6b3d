// Today's audit head, published where it leaves the system's control: the bureau writes it down
// or prints it, and the county's technician compares it with the log later (audit-verify
// --expect-head). A log cut short at the end is caught only against a head kept outside.
import { Text, View } from '@tarojs/components';
import type { CountyOverview } from '@shared/api';
import { instantTimeLabel as timeOf } from '@shared/time';

export function AuditHead({ audit }: { readonly audit: CountyOverview['audit'] }) {
  return (
    <View className="card" id="audit-head">
      <Text className="card-title">审计日志（今日末条）</Text>
      <Text className="muted line">{`截至 ${timeOf(audit.at)}，共 ${audit.count} 条记录，末条哈希：`}</Text>
      <Text className="hash" id="audit-head-hash" selectable>
        {audit.head}
      </Text>
      <Text className="muted line">
        请把这串哈希抄录或打印，保存在系统之外（如纸质台账）。日后核对审计日志时用它比对，可以发现末尾被删除或整体被替换的记录。
      </Text>
    </View>
  );
}
