import type { UserConfigExport } from '@tarojs/cli';

const prod: UserConfigExport<'webpack5'> = {
  logger: { quiet: true, stats: false },
  mini: {},
  h5: {},
};
export default prod;
