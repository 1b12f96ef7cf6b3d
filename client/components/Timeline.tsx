// Every status change of a registration, newest first: what, when, who, and why.
import { Text, View } from '@tarojs/components';
import type { RegistrationView } from '@shared/api';
import { instantTimeLabel as fmt } from '@shared/time';

export function Timeline({ title, history }: { title: string; history: RegistrationView['history'] }) {
  return (
    <View className="card">
      <Text className="card-title">{title}</Text>
      {[...history].reverse().map((h, i) => (
        <View className="timeline-item" key={`${h.at}-${i}`}>
          <Text>{h.label}</Text>
          <Text className="muted">{`\n${fmt(h.at)} · ${h.by}`}</Text>
          {h.reason ? (
            <Text className="muted">{`\n${h.reasonLabel ? `${h.reasonLabel}：` : ''}${h.reason}`}</Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}
