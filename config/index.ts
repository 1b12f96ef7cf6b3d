// Taro build config. Only the *type* is imported from @tarojs/cli: importing defineConfig at
// runtime loads a native binding and can break builds (ARCHITECTURE.md).
import type { UserConfigExport } from '@tarojs/cli';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const sharedDir = path.join(root, 'shared');
const isH5 = process.env.TARO_ENV === 'h5';

export default async function config(merge: (...configs: object[]) => UserConfigExport<'webpack5'>) {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'junheng',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'client',
    // The WeChat project (project.config.json) reads dist/; H5 goes elsewhere so both coexist.
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    // The mini-program's aria-* attributes through Taro's templates (config/aria/plugin.js).
    plugins: [path.join(__dirname, 'aria', 'plugin.js')],
    defineConstants: {},
    alias: { '@shared': sharedDir },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // Taro's persistent cache never saves with a source root other than src (see ARCHITECTURE).
    cache: { enable: false },
    mini: {
      // shared/ lives outside the source root: compile it too.
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  const mode =
    process.env.NODE_ENV === 'development'
      ? (await import('./dev')).default
      : (await import('./prod')).default;
  return merge({}, base, mode);
}
