/** What users are told: notices in the app, and their allowance of WeChat subscribe messages. */
import type { OpenId } from '../../../shared/brand';
import type { Notice } from '../../../shared/registration/types';
import type { Page, PageRequest } from './common';

export interface NoticeStore {
  appendNotice(notice: Notice): Promise<void>;
  /**
   * Appends many notices at once (a draw's results, a class split, a rotation plan); one whose id
   * is already stored (a repeated step) is not written twice.
   */
  appendNotices(notices: readonly Notice[]): Promise<void>;
  /** One more message the user accepted for a subscribe-message template (one tap = one message). */
  subscriptionGrant(openid: OpenId, templateId: string): Promise<number>;
  /** How many accepted messages are left (read before sending: a message is sent only then). */
  subscriptionQuota(openid: OpenId, templateId: string): Promise<number>;
  /** subscriptionQuota for many users at once, in the order asked. */
  subscriptionQuotas(openids: readonly OpenId[], templateId: string): Promise<readonly number[]>;
  /**
   * Uses one accepted message if any is left (atomic); false when the quota is spent. Called
   * after WeChat accepted a message, so a refused send does not use the family's allowance.
   */
  subscriptionConsume(openid: OpenId, templateId: string): Promise<boolean>;
  listNotices(owner: OpenId, page: PageRequest): Promise<Page<Notice>>;
}
