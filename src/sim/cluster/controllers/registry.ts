import { deployerController } from './deployer.js';
import { deploymentConfigController } from './deploymentconfigs.js';
import type { Controller } from './engine.js';
import { eventController } from './events.js';
import { imageStreamController } from './imagestreams.js';
import { kubeletController } from './kubelet.js';
import { namespaceController } from './namespaces.js';
import { replicationController } from './replication.js';
import { routeController } from './routes.js';
import { serviceAccountController } from './service-accounts.js';
import { volumeController } from './volumes.js';

/** Every controller, in the order one pass runs them. */
export const CONTROLLERS: readonly Controller[] = [
  namespaceController,
  serviceAccountController,
  volumeController,
  imageStreamController,
  routeController,
  deploymentConfigController,
  deployerController,
  replicationController,
  kubeletController,
  eventController,
];
