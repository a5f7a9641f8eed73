/**
 * The built-in plugins, in plan order: preflight (before anything changes), the platforms, the install method,
 * then extra steps (the plan engine orders by dependencies, then by this order).
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
