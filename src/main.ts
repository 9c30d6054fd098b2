#!/usr/bin/env node
import 'reflect-metadata';
import { runCli } from './cli/run-cli';

void runCli(process.argv);
