import { Text } from '@tarojs/components';
import { liveA11y } from './a11y';

export function ErrorBanner({ message }: { message: string | null }) {
  return message ? (
    <Text className="banner-error" id="error-banner" {...liveA11y(true)}>
      {message}
    </Text>
  ) : null;
}

export function InfoBanner({ message }: { message: string | null }) {
  return message ? (
    <Text className="banner-info" id="info-banner" {...liveA11y()}>
      {message}
    </Text>
  ) : null;
}
