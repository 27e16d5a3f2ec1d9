// Ant Design theme tokens: the everyday look, and the elderly-friendly mode (适老化) with large type, larger
// targets and high-contrast colours (text black on white, dark borders, a deep blue that passes WCAG AAA).
import type { ThemeConfig } from 'antd';

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif";

export const BRAND_COLOUR = '#1f4e9d';

export const NORMAL_FONT_SIZE = 14;
export const ELDERLY_FONT_SIZE = 20;

export function themeFor(elderlyMode: boolean): ThemeConfig {
  if (!elderlyMode) {
    return {
      token: { colorPrimary: BRAND_COLOUR, colorLink: BRAND_COLOUR, fontFamily: FONT_FAMILY, fontSize: NORMAL_FONT_SIZE, borderRadius: 6 },
      components: { Layout: { headerBg: '#ffffff', siderBg: '#0f2a57', headerPadding: '0 16px' }, Menu: { darkItemBg: '#0f2a57', darkSubMenuItemBg: '#0b2147' } },
    };
  }
  return {
    token: {
      fontFamily: FONT_FAMILY,
      fontSize: ELDERLY_FONT_SIZE,
      fontSizeSM: 18,
      fontSizeLG: 22,
      fontSizeHeading1: 36,
      fontSizeHeading2: 30,
      fontSizeHeading3: 26,
      fontSizeHeading4: 24,
      fontSizeHeading5: 22,
      lineHeight: 1.6,
      controlHeight: 48,
      controlHeightSM: 40,
      controlHeightLG: 56,
      colorPrimary: '#002f8f',
      colorLink: '#002f8f',
      colorText: '#000000',
      colorTextSecondary: '#111111',
      colorTextTertiary: '#1f1f1f',
      colorTextDescription: '#1f1f1f',
      colorTextPlaceholder: '#4a4a4a',
      colorTextDisabled: '#4a4a4a',
      colorBorder: '#000000',
      colorBorderSecondary: '#444444',
      colorSplit: '#444444',
      colorError: '#9b0000',
      colorWarning: '#7a4a00',
      colorSuccess: '#0b5d1e',
      colorBgLayout: '#ffffff',
      colorBgContainer: '#ffffff',
      colorFillAlter: '#f0f0f0',
      borderRadius: 4,
      lineWidthFocus: 4,
    },
    components: {
      Layout: { headerBg: '#ffffff', siderBg: '#000000', headerPadding: '0 16px', headerHeight: 72 },
      Menu: { darkItemBg: '#000000', darkSubMenuItemBg: '#000000', darkItemColor: '#ffffff', darkItemSelectedBg: '#002f8f', itemHeight: 56 },
      Table: { headerBg: '#e6e6e6', headerColor: '#000000' },
      Tag: { defaultColor: '#000000' },
    },
  };
}
