/**
 * The built-in plugins, in plan order: platforms first, then the install method, then extra steps.
 * Plugin modules only declare steps (workflow-safe); their activities are registered by the worker.
 *
 * @experimental
 */
import type { InstallPlugin } from '../shared/plan.js';
import { existingClusterPlatform } from './existing-cluster.js';
import { minishiftPlatform } from './minishift.js';
import { preflightStep } from './preflight.js';
import { smokeTestStep } from './smoke-test.js';
import { templateMethod } from './template-method.js';

export const BUILTIN_PLUGINS: readonly InstallPlugin[] = [preflightStep, minishiftPlatform, existingClusterPlatform, templateMethod, smokeTestStep];
