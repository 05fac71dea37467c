import * as Comlink from 'comlink';
import { createCompressionApi } from './compression.api';

Comlink.expose(createCompressionApi());
