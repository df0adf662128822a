export * from './errors.js';
export * from './events.js';
export * from './limits.js';
export * from './models.js';
export * from './schemas.js';
export * from './tiktok-url.js';
export * from './snapshot.js';
export * from './session.js';
