import { Text } from '@tarojs/components';
import type { RegistrationStatus } from '@shared/registration/status';

export function StatusTag({ status, label }: { status: RegistrationStatus; label: string }) {
  return <Text className={`status status-${status}`}>{label}</Text>;
}
