// A page that could not open (no permission, a missing record, the network): the reason, and a
// way back — to the previous page, or to the user's home (issue 17, defect 7).
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ErrorBanner } from './Banner';

/** Back to the previous page, or home when this page was opened directly. */
export function goBackOrHome(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: '/pages/index/index' });
}

export function LoadFailed({ message }: { message: string | null }) {
  if (!message)
    return (
      <View className="page">
        <Text className="muted">正在加载…</Text>
      </View>
    );
  return (
    <View className="page" id="load-failed">
      <ErrorBanner message={message} />
      <Button className="btn" id="go-back" onClick={goBackOrHome}>
        返回上一页
      </Button>
      <Button
        className="btn btn-primary"
        id="go-home"
        onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}
      >
        回到首页
      </Button>
    </View>
  );
}
