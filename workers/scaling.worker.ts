import * as Comlink from 'comlink';
import { createScalingApi } from './scaling.api';

Comlink.expose(createScalingApi());
