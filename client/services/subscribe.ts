/**
 * WeChat subscribe messages: must be asked for from a tap; each 允许 allows one message, recorded
 * on the server as a quota. Elsewhere (H5) there is nothing to ask: the in-app inbox is the channel.
 */
import Taro from '@tarojs/taro';
import { registrationApi } from './api';
import { usesLocalHost } from './session';

export async function subscribeAsk(
  templateId: string | null,
  record: (accepted: boolean) => Promise<unknown> = registrationApi.subscribe,
): Promise<void> {
  if (usesLocalHost() || !templateId) return;
  try {
    const res = await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] });
    await record((res as Record<string, string>)[templateId] === 'accept');
  } catch {
    // Declined or unsupported: the inbox still records every notice.
  }
}
