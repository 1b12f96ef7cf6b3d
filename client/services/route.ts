/** Where each role lands after sign-in. */
import Taro from '@tarojs/taro';
import type { Role } from '@shared/identity/roles';

export const roleHome: Record<Role, string> = {
  parent: '/pages/parent/home/index',
  principal: '/pages/principal/queue/index',
  reviewer: '/pages/principal/queue/index',
  teacher: '/pages/teacher/home/index',
  bureau: '/pages/bureau/home/index',
};

export const goHome = (role: Role) => Taro.reLaunch({ url: roleHome[role] });
