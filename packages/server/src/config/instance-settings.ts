/** The instance settings schema lives in @gatehouse/shared, so the SDKs type settings from it. */
export * from '@gatehouse/shared/instance-settings';
