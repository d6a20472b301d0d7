// Importing the adapter also brings its global type augmentation of jest's
// matchers (toHaveResourceWithProperties, ...) into the type-check.
import { setupJest } from 'cdktf/lib/testing/adapters/jest';
import { removeTestOutdir } from './helpers';

setupJest();
afterAll(removeTestOutdir);
