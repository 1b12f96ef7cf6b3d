import { Text } from '@tarojs/components';

export function ErrorBanner({ message }: { message: string | null }) {
  return message ? (
    <Text className="banner-error" id="error-banner">
      {message}
    </Text>
  ) : null;
}

export function InfoBanner({ message }: { message: string | null }) {
  return message ? (
    <Text className="banner-info" id="info-banner">
      {message}
    </Text>
  ) : null;
}
